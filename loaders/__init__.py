"""Loaders: news articles in, typed and sourced edges out."""

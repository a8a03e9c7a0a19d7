package dealgraph;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;

/**
 * Runs the Neo4j Community engine embedded, with Bolt on 127.0.0.1 and auth off.
 *
 * <p>Usage: {@code DealgraphNeo4j [PORT] [HOME] [--keep-running] [--pagecache=MB]
 * [--password=PW]}. PORT defaults to 7687, HOME to {@code .dealgraph/neo4j}, the page cache to
 * 64 MB. Auth is off unless {@code --password} is given: then user {@code neo4j} has that
 * password (for testing how clients handle wrong credentials). Prints {@code DEALGRAPH_NEO4J_READY bolt://127.0.0.1:PORT}
 * once a real {@code RETURN 1} has run and the Bolt port accepts connections. Stops cleanly on
 * SIGTERM/SIGINT and when standard input closes (unless {@code --keep-running}), so a parent
 * process that dies takes the server with it.
 */
public final class DealgraphNeo4j {
  public static final String READY = "DEALGRAPH_NEO4J_READY";

  private DealgraphNeo4j() {}

  public static void main(String[] args) {
    try {
      run(args);
    } catch (Throwable failure) {
      // exit for sure: Neo4j's own threads would otherwise keep a half-started server alive
      System.err.println("DealgraphNeo4j: cannot start: " + failure);
      failure.printStackTrace();
      System.exit(1);
    }
  }

  private static void run(String[] args) throws Exception {
    int port = 7687;
    Path home = Path.of(".dealgraph", "neo4j");
    boolean watchStdin = true;
    long pageCacheMb = 64;
    String password = null;
    int positional = 0;
    for (String arg : args) {
      if (arg.equals("--keep-running")) {
        watchStdin = false;
      } else if (arg.startsWith("--pagecache=")) {
        pageCacheMb = Long.parseLong(arg.substring("--pagecache=".length()));
      } else if (arg.startsWith("--password=")) {
        password = arg.substring("--password=".length());
      } else if (arg.equals("-h") || arg.equals("--help")) {
        System.out.println(
            "usage: DealgraphNeo4j [PORT] [HOME] [--keep-running] [--pagecache=MB] [--password=PW]");
        return;
      } else if (positional == 0) {
        port = Integer.parseInt(arg);
        positional++;
      } else if (positional == 1) {
        home = Path.of(arg);
        positional++;
      } else {
        System.err.println("DealgraphNeo4j: unexpected argument " + arg);
        System.exit(2);
      }
    }
    home = home.toAbsolutePath();

    long started = System.nanoTime();
    DatabaseManagementService dbms =
        new DatabaseManagementServiceBuilder(home)
            .setConfig(BoltConnector.enabled, true)
            .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
            .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
            // stop in about a second instead of the default two five-second waits
            .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofSeconds(1))
            .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(1))
            .setConfig(HttpConnector.enabled, false)
            .setConfig(HttpsConnector.enabled, false)
            .setConfig(GraphDatabaseSettings.auth_enabled, password != null)
            .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pageCacheMb))
            // a throwaway test and development server: keep little transaction log on disk
            .setConfig(GraphDatabaseSettings.keep_logical_logs, "keep_none")
            .setConfig(GraphDatabaseSettings.logical_log_rotation_threshold, ByteUnit.mebiBytes(32))
            .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
            .build();

    AtomicBoolean stopped = new AtomicBoolean(false);
    Runnable stop =
        () -> {
          if (stopped.compareAndSet(false, true)) {
            dbms.shutdown();
            System.out.println("DEALGRAPH_NEO4J_STOPPED");
            System.out.flush();
          }
        };
    Runtime.getRuntime().addShutdownHook(new Thread(stop, "dealgraph-neo4j-shutdown"));

    if (password != null) {
      dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME)
          .executeTransactionally(
              "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
              Map.of("password", password));
    }
    GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
    Object one =
        db.executeTransactionally("RETURN 1 AS one", Map.of(), result -> result.next().get("one"));
    if (!Long.valueOf(1L).equals(one)) {
      System.err.println("DealgraphNeo4j: RETURN 1 gave " + one);
      System.exit(1);
    }
    waitForBolt(port);

    if (watchStdin) {
      Thread watcher =
          new Thread(
              () -> {
                drain(System.in);
                System.exit(0);
              },
              "dealgraph-neo4j-stdin");
      watcher.setDaemon(true);
      watcher.start();
    }

    long millis = (System.nanoTime() - started) / 1_000_000;
    System.out.println(
        READY + " bolt://127.0.0.1:" + port + " home=" + home + " startup_ms=" + millis);
    System.out.flush();
    Thread.currentThread().join();
  }

  private static void waitForBolt(int port) throws InterruptedException {
    for (int attempt = 0; attempt < 200; attempt++) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    System.err.println("DealgraphNeo4j: Bolt port " + port + " never accepted a connection");
    System.exit(1);
  }

  private static void drain(InputStream in) {
    byte[] buffer = new byte[256];
    try {
      while (in.read(buffer) >= 0) {
        // keep reading until the parent closes our standard input
      }
    } catch (IOException closed) {
      // a broken pipe means the parent is gone too
    }
  }
}

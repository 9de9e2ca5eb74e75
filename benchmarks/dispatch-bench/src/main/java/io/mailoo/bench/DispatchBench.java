package io.mailoo.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Entry point of the dispatch benchmark (run by {@code ./mailoo bench dispatch}, i.e. deploy/local/bench.sh).
 *
 * <pre>
 * java -jar dispatch-bench.jar bare     --sink-port 2526 [--messages N] [--profiles P] [--size BYTES] ...
 * java -jar dispatch-bench.jar dispatch --sink-port 2526 [--messages N] [--profiles P] [--size BYTES] ...
 * </pre>
 *
 * Besides human-readable output, every figure is printed once as a {@code BENCH key=value} line for bench.sh.
 */
public final class DispatchBench {

    private DispatchBench() {
    }

    public static void main(String[] argv) throws Exception {
        if (argv.length == 0) {
            usage();
            System.exit(2);
        }
        String mode = argv[0];
        Options o = Options.parse(argv);
        // whatever happens (a hung broker, a service that never answers): the process ends
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep((o.timeoutSeconds + 60L) * 1000L);
            } catch (InterruptedException e) {
                return;
            }
            System.err.println("dispatch-bench: hard timeout (" + (o.timeoutSeconds + 60) + " s) reached, halting");
            System.err.flush();
            Runtime.getRuntime().halt(4);
        }, "bench-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();

        int rc;
        switch (mode) {
            case "bare" -> rc = new BareClientBench(o).run();
            case "dispatch" -> rc = new EndToEndBench(o).run();
            default -> {
                usage();
                rc = 2;
            }
        }
        System.out.flush();
        System.exit(rc);
    }

    private static void usage() {
        System.err.println("""
                usage: dispatch-bench (bare|dispatch) --sink-port PORT [options]
                  --messages N        messages to send (default 50000)
                  --profiles P        profiles / clients (default 50)
                  --size BYTES        text body size (default 5120)
                  --sink-host HOST    smtp-sink host (default 127.0.0.1)
                  --sink-port PORT    smtp-sink port (required)
                  --timeout SECONDS   give up after this long (default 600)
                  bare only:
                  --pool N            maxPoolSize per client (default 10)
                  --inflight N        sends in flight per client (default 40)
                  both:
                  --warmup N          untimed warm-up messages before the measured run (default 2000)
                  dispatch only:
                  --kafka HOST:PORT   bootstrap (default 127.0.0.1:$MAILOO_KAFKA_PORT or 9092)
                  --keep-profiles     do not publish tombstones for the bench profiles at the end""");
    }

    /** Command-line options shared by both modes. */
    static final class Options {
        int messages = 50_000;
        int profiles = 50;
        int size = 5120;
        String sinkHost = "127.0.0.1";
        int sinkPort = -1;
        int timeoutSeconds = 600;
        int pool = 10;
        int inflight = 40;
        int warmup = 2000;
        String kafka;
        boolean keepProfiles;

        static Options parse(String[] argv) {
            Options o = new Options();
            String kafkaPort = System.getenv().getOrDefault("MAILOO_KAFKA_PORT", "9092");
            o.kafka = "127.0.0.1:" + kafkaPort;
            for (int i = 1; i < argv.length; i++) {
                String a = argv[i];
                switch (a) {
                    case "--messages" -> o.messages = Integer.parseInt(argv[++i]);
                    case "--profiles" -> o.profiles = Integer.parseInt(argv[++i]);
                    case "--size" -> o.size = Integer.parseInt(argv[++i]);
                    case "--sink-host" -> o.sinkHost = argv[++i];
                    case "--sink-port" -> o.sinkPort = Integer.parseInt(argv[++i]);
                    case "--timeout" -> o.timeoutSeconds = Integer.parseInt(argv[++i]);
                    case "--pool" -> o.pool = Integer.parseInt(argv[++i]);
                    case "--inflight" -> o.inflight = Integer.parseInt(argv[++i]);
                    case "--warmup" -> o.warmup = Integer.parseInt(argv[++i]);
                    case "--kafka" -> o.kafka = argv[++i];
                    case "--keep-profiles" -> o.keepProfiles = true;
                    default -> throw new IllegalArgumentException("unknown option: " + a);
                }
            }
            if (o.sinkPort <= 0) {
                throw new IllegalArgumentException("--sink-port is required");
            }
            if (o.messages <= 0 || o.profiles <= 0 || o.size < 0 || o.pool <= 0 || o.inflight <= 0) {
                throw new IllegalArgumentException("--messages, --profiles, --pool, --inflight must be > 0, --size >= 0");
            }
            return o;
        }
    }

    /** A text body of exactly {@code size} bytes (ASCII, lines of at most 76 characters + LF). */
    static String body(int size) {
        String words = "Mailoo dispatch benchmark body, the quick brown fox jumps over the lazy dog 0123456789 ";
        StringBuilder sb = new StringBuilder(size);
        int col = 0;
        int w = 0;
        while (sb.length() < size) {
            if (col == 76 || sb.length() == size - 1) {
                sb.append('\n');
                col = 0;
            } else {
                sb.append(words.charAt(w++ % words.length()));
                col++;
            }
        }
        return sb.toString();
    }

    static String fmt(double d) {
        return String.format(Locale.ROOT, "%.1f", d);
    }

    /** Prints the machine-readable lines. */
    static void emit(Map<String, ?> values) {
        for (Map.Entry<String, ?> e : values.entrySet()) {
            Object v = e.getValue();
            String s = v instanceof Double d ? String.format(Locale.ROOT, "%.3f", d) : String.valueOf(v);
            System.out.println("BENCH " + e.getKey() + "=" + s);
        }
    }

    static Map<String, Object> map() {
        return new LinkedHashMap<>();
    }
}

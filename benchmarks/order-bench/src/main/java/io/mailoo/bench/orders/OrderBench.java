package io.mailoo.bench.orders;

/**
 * Entry point of the order benchmark (run by {@code ./mailoo bench orders}, i.e. deploy/local/bench.sh).
 *
 * <pre>
 * java -jar order-bench.jar setup --token JWT --smtp-port PORT --out FILE     shop, product, API key, SMTP settings
 * java -jar order-bench.jar fixed --integration ID --key KEY --rate R --seconds S   open loop + order → SENT
 * java -jar order-bench.jar max   --integration ID --key KEY --concurrency C --seconds S   closed loop
 * java -jar order-bench.jar jfr-top --file recording.jfr                      where the CPU samples are
 * </pre>
 *
 * Every figure is also printed as a {@code BENCH key=value} line for bench.sh.
 */
public final class OrderBench {

    private OrderBench() {
    }

    public static void main(String[] argv) throws Exception {
        if (argv.length == 0) {
            usage();
            System.exit(2);
        }
        Options o = Options.parse(argv);
        // whatever happens (a gateway that never answers, a broker that hangs): the process ends
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep((o.timeoutSeconds + 60L) * 1000L);
            } catch (InterruptedException e) {
                return;
            }
            System.err.println("order-bench: hard timeout (" + (o.timeoutSeconds + 60) + " s) reached, halting");
            System.err.flush();
            Runtime.getRuntime().halt(4);
        }, "bench-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();

        int rc;
        switch (argv[0]) {
            case "setup" -> rc = new ShopSetup(o).run();
            case "fixed" -> rc = new FixedRateRun(o).run();
            case "max" -> rc = new MaxRateRun(o).run();
            case "jfr-top" -> rc = JfrTop.print(o.require(o.file, "file"));
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
                usage: order-bench (setup|fixed|max|jfr-top) [options]
                  --base URL            gateway (default http://127.0.0.1:8080)
                  setup:  --token JWT --smtp-host H --smtp-port P --out FILE
                  fixed:  --integration ID --key KEY --rate R (500) --seconds S (30) --warmup S (5) --warmup-ramp S (0)
                          --kafka HOST:PORT (127.0.0.1:9092) --sent-timeout S (120) --connections N (256)
                  max:    --integration ID --key KEY --concurrency C (64) --seconds S (30) --warmup S (5)
                  jfr-top: --file FILE.jfr
                  --timeout S           hard limit of the whole program (600)""");
    }
}

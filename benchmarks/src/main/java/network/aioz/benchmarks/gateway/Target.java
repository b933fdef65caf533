package network.aioz.benchmarks.gateway;

import java.net.URI;
import java.util.function.Supplier;

/**
 * Where one run sends its GETs, with the one credential header it needs (its value may change
 * during the run: internal tokens live at most five minutes).
 */
record Target(String label, URI uri, String headerName, Supplier<String> headerValue) {}

package network.aioz.localstack;

import java.util.ArrayList;
import java.util.List;
import network.aioz.infra.FreePorts;

/** The ports of one stack: the well-known ones, or free ones so tests never clash with it. */
record PortPlan(
    int postgres,
    int kafka,
    int kafkaController,
    int ledger,
    int storage,
    int proof,
    int identity,
    int webhook,
    int billing,
    int gateway,
    int chainAdapter,
    int anvil,
    List<Integer> edges) {

  static PortPlan wellKnown(int edgeCount) {
    List<Integer> edges = new ArrayList<>();
    for (int i = 0; i < edgeCount; i++) {
      edges.add(9001 + i);
    }
    return new PortPlan(
        55432,
        59092,
        59093,
        8081,
        8082,
        8083,
        8084,
        8085,
        8086,
        8080,
        8088,
        8545,
        List.copyOf(edges));
  }

  static PortPlan free(int edgeCount) {
    List<Integer> edges = new ArrayList<>();
    for (int i = 0; i < edgeCount; i++) {
      edges.add(FreePorts.pick());
    }
    return new PortPlan(
        FreePorts.pick(),
        FreePorts.pick(),
        FreePorts.pick(),
        FreePorts.pick(),
        FreePorts.pick(),
        FreePorts.pick(),
        FreePorts.pick(),
        FreePorts.pick(),
        FreePorts.pick(),
        FreePorts.pick(),
        FreePorts.pick(),
        FreePorts.pick(),
        List.copyOf(edges));
  }

  /** Ports someone already listens on; a second stack on the same ports would only half start. */
  List<Integer> busy() {
    List<Integer> all =
        new ArrayList<>(
            List.of(
                postgres,
                kafka,
                kafkaController,
                ledger,
                storage,
                proof,
                identity,
                webhook,
                billing,
                gateway,
                chainAdapter,
                anvil));
    all.addAll(edges);
    return all.stream().filter(port -> FreePorts.accepts("127.0.0.1", port)).toList();
  }
}

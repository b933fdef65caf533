package network.aioz.ledger.support;

import network.aioz.shared.edge.EdgeKeys;
import network.aioz.shared.web.ApiProblem;

/** Node ids enter the ledger in EIP-55 form, so lookups compare exactly (and use the indexes). */
public final class NodeAddress {

  private NodeAddress() {}

  /** The canonical form of an address from a request, or a 400 problem. */
  public static String canonical(String address) {
    try {
      return EdgeKeys.checksum(address);
    } catch (IllegalArgumentException e) {
      throw ApiProblem.badRequest(e.getMessage());
    }
  }
}

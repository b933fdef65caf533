package network.aioz.proof.challenge;

import java.util.List;

/** The edge's answer to a challenge, as read; every field is checked before it is believed. */
record Answer(
    String challengeId,
    String pieceDigest,
    Long blockIndex,
    Long blockCount,
    String leafHash,
    List<String> proof,
    String data,
    String nodeAddress,
    String signature) {}

package network.aioz.edge.proof;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The node's answer to a {@link Challenge}.
 *
 * @param leafHash lower-case hex SHA-256(0x00 || block)
 * @param proof the RFC 6962 audit path, nearest sibling first, lower-case hex
 * @param data the block's bytes in base64, only when the challenge asked for them
 * @param signature 65-byte {@code r || s || v} hex ({@code 0x}-prefixed) EIP-191 signature of the
 *     node key over {@link ChallengeTranscript#digest}
 */
public record ChallengeAnswer(
    String challengeId,
    String pieceDigest,
    long blockIndex,
    long blockCount,
    String leafHash,
    List<String> proof,
    @JsonInclude(JsonInclude.Include.NON_NULL) String data,
    String nodeAddress,
    String signature) {}

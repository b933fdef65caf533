/** Sign-In with Ethereum (EIP-4361): nonces, message parsing, signature checks and sign-in. */
package network.aioz.identity.siwe;

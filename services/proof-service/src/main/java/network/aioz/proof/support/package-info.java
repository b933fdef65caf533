/** What every feature of the proof service shares: settings, problem responses, caller identity. */
package network.aioz.proof.support;

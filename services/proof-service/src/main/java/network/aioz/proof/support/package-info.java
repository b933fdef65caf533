/** What every feature of the proof service shares: its settings. */
package network.aioz.proof.support;

/** The agent's signed client of the ledger API and the messages of that API. */
package network.aioz.edge.ledger;

/**
 * Small plumbing shared by the agent's features: one-line logging, JSON and HTTP problem replies.
 */
package network.aioz.edge.support;

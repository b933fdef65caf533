/**
 * The node's work: polling its tasks, doing STORE tasks, and admitting only the pieces it was
 * assigned.
 */
package network.aioz.edge.task;

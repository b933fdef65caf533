/**
 * Tests that lint, render and schema-check the Helm chart, the k8s/ manifests and docker-compose.
 */
package network.aioz.deploy;

/**
 * Server-side request forgery protection: which addresses a webhook may reach, checked when an
 * endpoint is registered and again on every connect, after DNS resolution.
 */
package network.aioz.webhook.ssrf;

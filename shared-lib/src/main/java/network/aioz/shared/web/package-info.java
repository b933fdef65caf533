/**
 * Web plumbing every servlet service shares: refusals as RFC 9457 problems and the caller's
 * identity from the gateway's internal token, registered by {@link WebProblemsAutoConfiguration}.
 */
package network.aioz.shared.web;

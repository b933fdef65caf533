/** Tenants, their members and roles, and what each role may do. */
package network.aioz.identity.tenant;

/** The platform's single public entry: routes client requests to the services that own them. */
package network.aioz.gateway;

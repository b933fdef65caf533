/** Settings, the scope vocabulary, random tokens and hashing shared by the identity features. */
package network.aioz.identity.support;

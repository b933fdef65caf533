/** Settings and plumbing shared by the storage service's features. */
package network.aioz.storage.support;

/**
 * Objects and their versions, listings, multipart uploads, and the commit of blobs into objects.
 */
package network.aioz.storage.object;

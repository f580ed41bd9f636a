/** A test ed25519 key pair and signing exactly as Discord signs interactions. */
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';

export interface DiscordTestKey {
  /** Raw 32-byte public key, hex: what DISCORD_PUBLIC_KEY holds. */
  publicKeyHex: string;
  privateKey: KeyObject;
}

export function discordTestKey(): DiscordTestKey {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const der = publicKey.export({ format: 'der', type: 'spki' });
  return { publicKeyHex: der.subarray(der.length - 32).toString('hex'), privateKey };
}

export function signedDiscordHeaders(key: DiscordTestKey, body: string, timestamp = String(Math.floor(Date.now() / 1000))): Record<string, string> {
  const signature = sign(null, Buffer.from(timestamp + body), key.privateKey).toString('hex');
  return { 'content-type': 'application/json', 'x-signature-ed25519': signature, 'x-signature-timestamp': timestamp };
}

/** Discord message limits (platform-facts.md; Discord's channel resource docs). */
export const DISCORD_LIMITS = {
  content: 2000,
  embedsPerMessage: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFooter: 2048,
  embedAuthor: 256,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  /** Sum of all embed text in one message. */
  embedTotal: 6000,
  actionRows: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  customId: 100,
  linkUrl: 512,
  /** Largest attachment Discord takes without a boosted server (10 MiB). */
  attachmentBytes: 10 * 1024 * 1024,
} as const;

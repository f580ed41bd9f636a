/** Block Kit limits (platform-facts.md; Slack's block reference). */
export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  sectionText: 3000,
  headerText: 150,
  buttonText: 75,
  buttonValue: 2000,
  buttonUrl: 3000,
  blockId: 255,
  contextElements: 10,
  /** `msg_blocks_too_long` shows up around 13k characters of block text; stay well under. */
  messageChars: 11_000,
  fallbackText: 3000,
} as const;

/** Block Kit limits (platform-facts.md; Slack's block reference), for digests and replies alike. */
export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  /** App Home views take 100 blocks. */
  blocksPerHomeView: 100,
  /**
   * Block text an App Home view is given: views.publish refuses a view over 250 kB
   * (`view_too_large`); 100 blocks' JSON around the text and three UTF-8 bytes a character stay
   * well under it.
   */
  homeViewChars: 60_000,
  sectionText: 3000,
  headerText: 150,
  buttonText: 75,
  buttonValue: 2000,
  buttonUrl: 3000,
  actionId: 255,
  blockId: 255,
  contextElements: 10,
  actionsElements: 25,
  /** `msg_blocks_too_long` shows up around 13k characters of block text; stay well under. */
  messageChars: 11_000,
  fallbackText: 3000,
} as const;

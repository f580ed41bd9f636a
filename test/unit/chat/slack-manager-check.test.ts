/**
 * Who may manage a Slack channel's digest: this workspace's admins and owners (and an
 * Enterprise Grid org's admins and owners for the org's own workspaces), plus the allow-list.
 * users.info also answers for a Slack Connect member of another organisation: `is_admin` there
 * is about their own workspace, which gives them nothing here.
 */
import { describe, expect, it } from 'vitest';
import { createSlackManagerCheck, type SlackWorkspace } from '../../../src/chat/slack/permissions.js';

type UserInfo = Record<string, unknown>;

function checkOver(users: Record<string, UserInfo>, allowList: string[] = []) {
  const calls: string[] = [];
  const client = {
    users: {
      info: async ({ user }: { user: string }) => {
        calls.push(user);
        return { ok: true, user: users[user] };
      },
    },
  };
  return { check: createSlackManagerCheck(client as never, allowList), calls };
}

const OURS: SlackWorkspace = { teamId: 'T0001' };
const admin = (id: string, teamId: string, more: UserInfo = {}) => ({ id, team_id: teamId, is_admin: true, is_owner: false, is_primary_owner: false, deleted: false, ...more });

describe('Slack channel managers', () => {
  it("this workspace's admin or owner manages its channels", async () => {
    const { check } = checkOver({ U0ADMIN: admin('U0ADMIN', 'T0001'), U0OWNER: { ...admin('U0OWNER', 'T0001'), is_admin: false, is_owner: true } });
    expect(await check('U0ADMIN', OURS)).toBe(true);
    expect(await check('U0OWNER', OURS)).toBe(true);
  });

  it('an external member who is an admin or owner of their own workspace does not', async () => {
    const { check } = checkOver({
      U0EXTADMIN: admin('U0EXTADMIN', 'T0OTHER', { is_stranger: true }),
      U0EXTOWNER: admin('U0EXTOWNER', 'T0OTHER', { is_admin: false, is_owner: true, is_primary_owner: true }),
      // Slack Connect between two workspaces that is_stranger does not flag: the team is still another's.
      U0EXTQUIET: admin('U0EXTQUIET', 'T0OTHER'),
    });
    expect(await check('U0EXTADMIN', OURS)).toBe(false);
    expect(await check('U0EXTOWNER', OURS)).toBe(false);
    expect(await check('U0EXTQUIET', OURS)).toBe(false);
  });

  it('a user flagged as a stranger is none of ours, whatever team_id says', async () => {
    const { check } = checkOver({ U0ODD: admin('U0ODD', 'T0001', { is_stranger: true }) });
    expect(await check('U0ODD', OURS)).toBe(false);
  });

  it('without the workspace the command came from, only the allow-list manages', async () => {
    const { check, calls } = checkOver({ U0ADMIN: admin('U0ADMIN', 'T0001') }, ['U0ALLOW']);
    expect(await check('U0ADMIN', {})).toBe(false);
    expect(await check('U0ALLOW', {})).toBe(true);
    expect(calls).toEqual([]);
  });

  it('SLACK_CHANNEL_MANAGERS names people by id, an external member too', async () => {
    const { check, calls } = checkOver({}, ['U0EXTALLOW']);
    expect(await check('U0EXTALLOW', OURS)).toBe(true);
    expect(calls).toEqual([]);
  });

  describe('Enterprise Grid', () => {
    const GRID: SlackWorkspace = { teamId: 'T0001', enterpriseId: 'E0001' };
    const orgUser = (id: string, enterprise: UserInfo, more: UserInfo = {}) => ({ id, team_id: 'T0002', is_admin: false, is_owner: false, deleted: false, enterprise_user: { id, enterprise_id: 'E0001', is_admin: false, is_owner: false, teams: ['T0002'], ...enterprise }, ...more });

    it('an org admin or owner of the same enterprise manages any of its workspaces', async () => {
      const { check } = checkOver({ W0ORGADMIN: orgUser('W0ORGADMIN', { is_admin: true }), W0ORGOWNER: orgUser('W0ORGOWNER', { is_owner: true }) });
      expect(await check('W0ORGADMIN', GRID)).toBe(true);
      expect(await check('W0ORGOWNER', GRID)).toBe(true);
    });

    it("another enterprise's org admin does not, nor one when the command came from no enterprise", async () => {
      const { check } = checkOver({ W0THEIRS: orgUser('W0THEIRS', { is_admin: true, enterprise_id: 'E0OTHER' }, { team_id: 'T0OTHER', is_stranger: true }), W0ORGADMIN: orgUser('W0ORGADMIN', { is_admin: true }) });
      expect(await check('W0THEIRS', GRID)).toBe(false);
      expect(await check('W0ORGADMIN', OURS)).toBe(false);
    });

    it('a workspace admin of the same org counts in the workspaces they belong to', async () => {
      const { check } = checkOver({
        W0MEMBER: orgUser('W0MEMBER', { teams: ['T0002', 'T0001'] }, { is_admin: true }),
        W0ELSEWHERE: orgUser('W0ELSEWHERE', { teams: ['T0002'] }, { is_admin: true }),
      });
      expect(await check('W0MEMBER', GRID)).toBe(true);
      expect(await check('W0ELSEWHERE', GRID)).toBe(false);
    });
  });

  it('the answer is kept per workspace: one person asked from two workspaces is asked twice', async () => {
    const { check, calls } = checkOver({ U0ADMIN: admin('U0ADMIN', 'T0001') });
    expect(await check('U0ADMIN', OURS)).toBe(true);
    expect(await check('U0ADMIN', OURS)).toBe(true);
    expect(await check('U0ADMIN', { teamId: 'T0OTHER' })).toBe(false);
    expect(calls).toEqual(['U0ADMIN', 'U0ADMIN']);
  });
});

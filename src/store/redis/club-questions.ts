/**
 * Questions for the current session: a list in the order asked, the thread replies already seen (so a
 * redelivered event is not collected twice), and a per-channel sequence for ids. One script checks the
 * session, the duplicate and the cap, then appends, so questions arriving at once are all kept in order.
 * They are archived with the session and cleared when it is marked done (src/store/redis/club-sessions.ts).
 */
import type { Redis } from 'ioredis';
import type { ChannelAddress } from '../../channel-address.ts';
import { MAX_QUESTIONS_PER_SESSION } from '../../club/questions.ts';
import type { Question } from '../../club/types.ts';
import type { AddQuestionOutcome, ClubQuestionStore } from '../types.ts';
import { TOUCH_MEMBER } from './club-lua.ts';
import { memberJson, parseQuestion } from './club-records.ts';
import { clubKeys, type Keys } from './keys.ts';

// KEYS[1] questions, KEYS[2] seen sources, KEYS[3] id sequence, KEYS[4] current session, KEYS[5] members, KEYS[6] version.
// ARGV[1] question JSON without id (an object), ARGV[2] source id or '', ARGV[3] session number or '',
// ARGV[4] cap, ARGV[5] member JSON, ARGV[6] time (ISO).
const ADD = `${TOUCH_MEMBER}
if ARGV[3] ~= '' then
  local number = 1
  local current = redis.call('GET', KEYS[4])
  if current then
    local ok, decoded = pcall(cjson.decode, current)
    if ok and type(decoded) == 'table' and type(decoded.number) == 'number' then number = decoded.number end
  end
  if tonumber(ARGV[3]) ~= number then return { 'session_over' } end
end
if ARGV[2] ~= '' and redis.call('SISMEMBER', KEYS[2], ARGV[2]) == 1 then return { 'duplicate' } end
if redis.call('LLEN', KEYS[1]) >= tonumber(ARGV[4]) then return { 'full' } end
local id = redis.call('INCR', KEYS[3])
-- Splice the id into the object as text, so the member's words are stored exactly as JSON.stringify wrote them.
local question = '{"id":"' .. id .. '",' .. string.sub(ARGV[1], 2)
redis.call('RPUSH', KEYS[1], question)
if ARGV[2] ~= '' then redis.call('SADD', KEYS[2], ARGV[2]) end
touch(KEYS[5], ARGV[5], ARGV[6])
redis.call('INCR', KEYS[6])
return { 'added', question }`;

export function createClubQuestionStore(redis: Redis, keys: Keys): ClubQuestionStore {
  const k = (c: ChannelAddress) => clubKeys(keys, c);

  return {
    async addQuestion(channel, question, options = {}): Promise<AddQuestionOutcome> {
      const { questions, questionSources, questionSeq, current, members, version } = k(channel);
      const body: Omit<Question, 'id'> = {
        member: JSON.parse(memberJson(question.member)) as Question['member'],
        text: question.text,
        askedAt: question.askedAt,
        source: question.source,
        ...(question.sourceId === undefined ? {} : { sourceId: question.sourceId }),
      };
      const reply = (await redis.eval(
        ADD,
        6,
        questions,
        questionSources,
        questionSeq,
        current,
        members,
        version,
        JSON.stringify(body),
        question.sourceId ?? '',
        options.sessionNumber === undefined ? '' : String(options.sessionNumber),
        MAX_QUESTIONS_PER_SESSION,
        memberJson(question.member),
        question.askedAt,
      )) as string[];
      const [kind, json] = reply;
      if (kind === 'added') {
        const added = parseQuestion(json);
        if (!added) throw new Error('Redis stored a question that does not read back');
        return { kind, question: added };
      }
      if (kind === 'duplicate' || kind === 'full' || kind === 'session_over') return { kind };
      throw new Error(`unexpected question reply from Redis: ${String(kind)}`);
    },
    async questions(channel) {
      return (await redis.lrange(k(channel).questions, 0, -1)).map((v) => parseQuestion(v)).filter((q): q is Question => q !== null);
    },
  };
}

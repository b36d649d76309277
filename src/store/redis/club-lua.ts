/**
 * Lua shared by the club's scripts. `touch(key, memberJson, at)` notes that a member was seen (voted,
 * volunteered, asked, presented): first and last seen times, and the latest display name given.
 * Times are ISO strings from toISOString, which compare correctly as strings.
 */
export const TOUCH_MEMBER = `
local function touch(key, memberJson, at)
  local m = cjson.decode(memberJson)
  local known = redis.call('HGET', key, m.id)
  local rec = nil
  if known then
    local ok, decoded = pcall(cjson.decode, known)
    if ok and type(decoded) == 'table' then rec = decoded end
  end
  if rec == nil or type(rec.firstSeen) ~= 'string' then rec = { id = m.id, firstSeen = at, lastSeen = at } end
  if type(m.name) == 'string' and m.name ~= '' then rec.name = m.name end
  if type(rec.lastSeen) ~= 'string' or at > rec.lastSeen then rec.lastSeen = at end
  if at < rec.firstSeen then rec.firstSeen = at end
  redis.call('HSET', key, m.id, cjson.encode(rec))
end
`;

package redisstore

// Індекс: сесії кожного власника.
//
// Ключ сесії — "session:<ID>", і за ним не знайти всіх сесій alice:
// імені в ключі немає. Тож поруч лежить індекс — відсортована множина
// Redis (sorted set) "sessions-of:<ім'я>". Її члени — ID сесій
// власника, а бал (score) кожного — мить входу в мікросекундах Unix
// (їх менше за 2^53, тож float64 тримає їх точно): множина сама
// впорядковує сесії від найстарішого входу. Вона одна для всіх копій
// застосунку, тож «завершити інші» на одній копії виводить інші
// пристрої на всіх.
//
//   - Save нової сесії з власником (Store.Owner) додає її ID в індекс
//     (ZADD) одразу після SET … NX. Не вдалося — сесію видалено:
//     сесії поза індексом «завершити інші» не знайшло б.
//   - Вихід і Renew видаляють ID з індексу разом із ключем сесії.
//   - Ключ, що зник сам (минув його TTL), лишає в індексі мертвий ID.
//     Його прибирає той, хто індекс читає: SessionsOf і вхід понад
//     межу. TTL самого індексу — як у сесії, що зберігалася
//     останньою: кожне збереження сесії з власником подовжує і його.
//     Індекс не переживе своїх сесій.
//   - Межа MaxPerOwner: вхід понад неї спершу забуває мертві ID, а
//     тоді, якщо живих і далі забагато, завершує найстаріші.
//   - EndOthers — скрипт Lua: Redis виконує його від початку до кінця,
//     жодна інша команда не вклинюється. Це м'ютекс кроку 09, але
//     спільний для всіх копій застосунку.

import (
	"bytes"
	"context"
	"encoding/gob"
	"net/http"
	"slices"
	"time"

	"github.com/gorilla/sessions"
	"github.com/redis/go-redis/v9"
)

// storeKey — тип ключів, які сховище саме кладе в session.Values:
// окремий тип не дасть їм збігтися з ключами застосунку.
type storeKey string

// savedKey — час останнього збереження сесії (time.Time). Від нього
// рахують таймаут бездіяльності на годиннику програми, і його показує
// список сесій.
const savedKey storeKey = "saved"

func init() {
	gob.Register(storeKey(""))
	gob.Register(time.Time{})
}

// A Listed is one live session of an owner, as SessionsOf returns it.
type Listed struct {
	// ID — ID сесії. Застосунок порівнює його з ID поточної сесії,
	// але не показує: це секрет сесії, як і кукі.
	ID string
	// Values — дані сесії.
	Values map[any]any
	// Started — мить, коли сесія отримала ID (вхід), Saved — її
	// останнє збереження.
	Started, Saved time.Time
}

// owner — власник сесії з даними values; "" — власника немає.
func (s *Store) owner(values map[any]any) string {
	if s.Owner == nil {
		return ""
	}
	return s.Owner(values)
}

// indexKey — ключ індексу власника owner.
func (s *Store) indexKey(owner string) string {
	return s.IndexPrefix + owner
}

// index додає нову сесію id власника owner в його індекс, подовжує
// індексу TTL до ttl і тримає межу MaxPerOwner.
func (s *Store) index(ctx context.Context, owner, id string,
	ttl time.Duration) error {
	key := s.indexKey(owner)
	var card *redis.IntCmd
	_, err := s.Client.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.ZAdd(ctx, key, redis.Z{
			Score: float64(time.Now().UnixMicro()), Member: id,
		})
		p.Expire(ctx, key, ttl)
		card = p.ZCard(ctx, key)
		return nil
	})
	if err != nil {
		return err
	}
	if s.MaxPerOwner <= 0 || card.Val() <= int64(s.MaxPerOwner) {
		return nil
	}
	return s.trim(ctx, owner, id)
}

// trim — вхід понад межу: з індексу owner випадають мертві ID, а якщо
// живих і далі більше за MaxPerOwner, найстаріші з них (крім keep,
// щойно створеної) завершуються.
func (s *Store) trim(ctx context.Context, owner, keep string) error {
	live, err := s.scan(ctx, owner)
	if err != nil {
		return err
	}
	live = slices.DeleteFunc(live, func(l Listed) bool {
		return l.ID == keep
	})
	over := len(live) + 1 - s.MaxPerOwner
	if over <= 0 {
		return nil
	}
	key := s.indexKey(owner)
	_, err = s.Client.TxPipelined(ctx, func(p redis.Pipeliner) error {
		for _, l := range live[:over] {
			p.Del(ctx, s.KeyPrefix+l.ID)
			p.ZRem(ctx, key, l.ID)
		}
		return nil
	})
	return err
}

// SessionsOf повертає живі сесії власника owner, від найстарішого
// входу. Мертві ID (ключ зник, таймаут бездіяльності минув, дані не
// розкодовуються) з індексу прибирає.
func (s *Store) SessionsOf(r *http.Request, owner string) ([]Listed,
	error) {
	ctx, cancel := s.context(r)
	defer cancel()
	return s.scan(ctx, owner)
}

// scan читає індекс owner і всі його сесії (одним MGET), мертві й
// чужі ID з індексу прибирає і повертає живі.
func (s *Store) scan(ctx context.Context, owner string) ([]Listed, error) {
	key := s.indexKey(owner)
	members, err := s.Client.ZRangeWithScores(ctx, key, 0, -1).Result()
	if err != nil || len(members) == 0 {
		return nil, err
	}
	keys := make([]string, len(members))
	for i, m := range members {
		keys[i] = s.KeyPrefix + m.Member.(string)
	}
	data, err := s.Client.MGet(ctx, keys...).Result()
	if err != nil {
		return nil, err
	}
	var live []Listed
	var gone []any
	for i, m := range members {
		id := m.Member.(string)
		values, ok := s.decodeLive(data[i])
		if !ok || s.owner(values) != owner {
			gone = append(gone, id)
			continue
		}
		saved, _ := values[savedKey].(time.Time)
		live = append(live, Listed{ID: id, Values: values,
			Started: time.UnixMicro(int64(m.Score)), Saved: saved})
	}
	if len(gone) > 0 {
		if err := s.Client.ZRem(ctx, key, gone...).Err(); err != nil {
			return nil, err
		}
	}
	return live, nil
}

// decodeLive розкодовує дані сесії з MGET і каже, чи сесія жива так,
// як її побачив би запит з її кукі: ключ є, дані розкодовуються, і
// таймаут бездіяльності не минув. Останнє перевіряє й підпис кукі (на
// годиннику програми), тож і тут — на ньому, а не лише TTL у Redis.
func (s *Store) decodeLive(v any) (map[any]any, bool) {
	str, ok := v.(string)
	if !ok {
		return nil, false // ключа немає
	}
	var values map[any]any
	dec := gob.NewDecoder(bytes.NewReader([]byte(str)))
	if err := dec.Decode(&values); err != nil {
		return nil, false
	}
	saved, ok := values[savedKey].(time.Time)
	if ok && s.maxAge > 0 &&
		time.Since(saved) >= time.Duration(s.maxAge)*time.Second {
		return nil, false
	}
	return values, true
}

// endOthers — «завершити інші» одним кроком. KEYS[1] — ключ сесії, яка
// лишається, KEYS[2] — індекс її власника; ARGV[1] — її ID, ARGV[2] —
// префікс ключів сесій. Якщо й самої сесії вже немає, скрипт нічого не
// чіпає і повертає -1. (Ключі інших сесій скрипт складає сам, тож у
// Redis Cluster вони мали б лежати в одному слоті з індексом; тут
// Redis один.)
var endOthers = redis.NewScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then
	return -1
end
local ended = 0
for _, id in ipairs(redis.call('ZRANGE', KEYS[2], 0, -1)) do
	if id ~= ARGV[1] then
		redis.call('DEL', ARGV[2] .. id)
		redis.call('ZREM', KEYS[2], id)
		ended = ended + 1
	end
end
return ended
`)

// EndOthers завершує всі сесії власника session, крім неї самої, на
// всіх копіях застосунку: ключі інших сесій зникають, і запит такої
// сесії, що саме виконується, вже не запише її знову (Save пише лише
// наявний ключ). Якщо самої session уже немає (її завершили з іншого
// пристрою, поки цей запит ішов), — ErrSessionGone, і ніхто не
// завершений. Сесія без ID чи без власника — нічого не робить.
func (s *Store) EndOthers(r *http.Request, session *sessions.Session) error {
	owner := s.owner(session.Values)
	if session.ID == "" || owner == "" {
		return nil
	}
	ctx, cancel := s.context(r)
	defer cancel()
	keys := []string{s.KeyPrefix + session.ID, s.indexKey(owner)}
	n, err := endOthers.Run(ctx, s.Client, keys, session.ID,
		s.KeyPrefix).Int()
	if err != nil {
		return err
	}
	if n < 0 {
		return ErrSessionGone
	}
	return nil
}

// unindex прибирає сесію id власника owner з індексу ("" — сесія
// без власника, індексу в неї немає).
func (s *Store) unindex(ctx context.Context, owner, id string) error {
	if owner == "" {
		return nil
	}
	return s.Client.ZRem(ctx, s.indexKey(owner), id).Err()
}

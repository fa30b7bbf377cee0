package assign

import (
	"math"
	"math/rand/v2"
)

// slot is one judge on an entry; fixed slots are never moved.
type slot struct {
	judge int32
	fixed bool
}

// state is the working data of one Assign or Reassign call; entries and
// judges are addressed by their index in the caller's slices.
type state struct {
	entries  []Entry
	judges   []Judge
	k        int
	declared map[Pair]string

	entryIdx    map[uint]int
	judgeIdx    map[uint]int
	declByEntry map[int][]int32 // declared conflicts by entry index (a set)
	caps, soft  []int           // hard cap and balancing target per judge
	load        []int
	banned      []bool     // removed judges (Reassign)
	slots       [][]slot   // judges on each entry
	movable     [][]int32  // entries of each judge's non-fixed slots
	tagBits     [][]uint64 // entry tags as bits
	expBits     [][]uint64 // judge expertise as bits over the same tags
	mark        []int32
	stamp       int32
	rng         *rand.Rand
	dropped     []Dropped
}

// newState indexes entries and judges; a repeated ID keeps its first
// occurrence.
func newState(entries []Entry, judges []Judge, opt Options) *state {
	s := &state{
		entries: entries, judges: judges, k: opt.K, declared: opt.Conflicts,
		entryIdx: make(map[uint]int, len(entries)), judgeIdx: make(map[uint]int, len(judges)),
		declByEntry: map[int][]int32{},
		caps:        make([]int, len(judges)), soft: make([]int, len(judges)), load: make([]int, len(judges)),
		banned: make([]bool, len(judges)), slots: make([][]slot, len(entries)),
		movable: make([][]int32, len(judges)), mark: make([]int32, len(judges)),
		rng: rand.New(rand.NewPCG(uint64(opt.Seed), 0x9e3779b97f4a7c15)),
	}
	for i, e := range entries {
		if _, dup := s.entryIdx[e.ID]; !dup {
			s.entryIdx[e.ID] = i
		}
	}
	for j, jd := range judges {
		if _, dup := s.judgeIdx[jd.ID]; dup {
			s.banned[j] = true // a repeated judge is not a second judge
			continue
		}
		s.judgeIdx[jd.ID] = j
		s.caps[j] = capOf(jd.Cap, opt.Cap)
	}
	// Map order does not matter: declByEntry is used as a set.
	for p := range opt.Conflicts {
		ei, okE := s.entryIdx[p.EntryID]
		j, okJ := s.judgeIdx[p.JudgeID]
		if okE && okJ {
			s.declByEntry[ei] = append(s.declByEntry[ei], int32(j))
		}
	}
	s.indexTags()
	return s
}

// capOf is a judge's cap: their own, else the round's, else none.
func capOf(own, round int) int {
	switch {
	case own > 0:
		return own
	case round > 0:
		return round
	}
	return math.MaxInt
}

// indexTags numbers the entries' tags and sets tagBits and expBits.
func (s *state) indexTags() {
	ids := map[string]int{}
	s.tagBits = make([][]uint64, len(s.entries))
	for i, e := range s.entries {
		for _, t := range e.Tags {
			if _, ok := ids[t]; !ok {
				ids[t] = len(ids)
			}
			s.tagBits[i] = setBit(s.tagBits[i], ids[t])
		}
	}
	s.expBits = make([][]uint64, len(s.judges))
	for j, jd := range s.judges {
		for _, t := range jd.Expertise {
			if id, ok := ids[t]; ok {
				s.expBits[j] = setBit(s.expBits[j], id)
			}
		}
	}
}

// setBit sets bit i of b, growing it as needed.
func setBit(b []uint64, i int) []uint64 {
	for len(b) <= i/64 {
		b = append(b, 0)
	}
	b[i/64] |= 1 << (i % 64)
	return b
}

// matches reports whether judge j has one of entry ei's tags.
func (s *state) matches(ei, j int) bool {
	e, x := s.tagBits[ei], s.expBits[j]
	for w := 0; w < len(e) && w < len(x); w++ {
		if e[w]&x[w] != 0 {
			return true
		}
	}
	return false
}

// mismatch is 1 when entry ei has tags and judge j has none of them.
func (s *state) mismatch(ei, j int) int {
	if len(s.tagBits[ei]) == 0 || s.matches(ei, j) {
		return 0
	}
	return 1
}

// add puts judge j on entry ei.
func (s *state) add(ei, j int, fixed bool) {
	s.slots[ei] = append(s.slots[ei], slot{judge: int32(j), fixed: fixed})
	s.load[j]++
	if !fixed {
		s.movable[j] = append(s.movable[j], int32(ei))
	}
}

// onEntry reports whether judge j is on entry ei.
func (s *state) onEntry(ei, j int) bool {
	for _, sl := range s.slots[ei] {
		if int(sl.judge) == j {
			return true
		}
	}
	return false
}

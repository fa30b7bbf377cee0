package assign

// Entry is one entry of the round.
type Entry struct {
	ID        uint
	CollegeID uint     // the team's college; 0 = none
	Tags      []string // track and field, matched against Judge.Expertise
	PeopleIDs []uint   // user ids of the team's members and advisors
}

// Judge is one judge of the round's pool; ID is the judge's user id, so a
// judge found in Entry.PeopleIDs is conflicted.
type Judge struct {
	ID        uint
	CollegeID uint     // 0 = no college (industry)
	Expertise []string // compared with Entry.Tags, exact strings
	Cap       int      // most entries for this judge; 0 = use Options.Cap
}

// Pair is one assignment: a judge judges an entry.
type Pair struct {
	EntryID uint
	JudgeID uint
}

// Options are the round's settings for Assign and Reassign.
type Options struct {
	K         int             // judges per entry
	Cap       int             // default per-judge cap; 0 = no cap
	Seed      int64           // same inputs and seed give the same Plan
	Conflicts map[Pair]string // declared or admin-set conflicts, value = reason
	// Fixed are existing assignments to keep (e.g. already scored); they
	// count toward K and the caps. Pairs naming an unknown entry or judge,
	// repeated, or in conflict are not kept and are listed in Plan.Dropped.
	Fixed []Pair
}

// Shortfall causes, stable codes for clients; Shortfall.Reason says it in
// words.
const (
	CauseConflicts = "too_few_eligible" // fewer than K judges free of conflicts
	CauseCaps      = "caps_reached"     // enough eligible judges, but the others are at their cap
)

// Shortfall is an entry left with fewer than K judges.
type Shortfall struct {
	EntryID uint
	Missing int    // K minus the judges it has
	Cause   string // CauseConflicts or CauseCaps
	Reason  string // e.g. "only 3 eligible judges without conflicts"
}

// Dropped is an Options.Fixed (or, for Reassign, a plan) pair not kept.
type Dropped struct {
	Pair
	Reason string // "unknown_entry", "unknown_judge", "duplicate" or a conflict reason
}

// Stats summarises a Plan over the pool's judges (a removed judge excluded).
type Stats struct {
	MaxLoad, MinLoad int
	ExpertiseMatches int // pairs whose judge has one of the entry's tags
	SameCollegePairs int // pairs of judges of one college on one entry
}

// Plan is the result of Assign or Reassign.
type Plan struct {
	Pairs      []Pair       // kept and new pairs, sorted by entry then judge
	Load       map[uint]int // entries per judge, every pool judge included
	Shortfalls []Shortfall  // sorted by entry
	Dropped    []Dropped    // sorted by entry then judge
	Stats      Stats
}

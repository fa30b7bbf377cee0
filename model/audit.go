package model

import "time"

// AuditLog is one audited state change. Records form a hash chain in Seq
// order: Hash = SHA-256 over PrevHash and the record's content, so editing or
// deleting a record breaks verification from that point on.
type AuditLog struct {
	ID        uint   `gorm:"primaryKey"`
	Seq       int64  `gorm:"not null;uniqueIndex"`
	ActorID   *uint  `gorm:"index"`
	ActorName string `gorm:"size:64;not null;default:''"`
	Action    string `gorm:"size:64;not null;index"`
	Entity    string `gorm:"size:64;not null;index:idx_audit_entity"`
	EntityID  string `gorm:"size:64;not null;index:idx_audit_entity"`
	Before    string `gorm:"type:text"`
	After     string `gorm:"type:text"`
	RequestID string `gorm:"size:64;not null;default:''"`
	IP        string `gorm:"size:64;not null;default:''"`
	PrevHash  string `gorm:"size:64;not null"`
	Hash      string `gorm:"size:64;not null"`
	// CreatedAt is stored at millisecond precision so that it hashes alike
	// after a round trip through either engine.
	CreatedAt time.Time `gorm:"index"`
}

// AuditHead is the single row holding the chain's last sequence number and
// hash; writers lock it, which serializes appends to the chain.
type AuditHead struct {
	ID   uint   `gorm:"primaryKey;autoIncrement:false"`
	Seq  int64  `gorm:"not null"`
	Hash string `gorm:"size:64;not null"`
}

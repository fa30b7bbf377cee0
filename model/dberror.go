package model

import (
	"errors"
	"strings"

	"github.com/go-sql-driver/mysql"
	"gorm.io/gorm"
)

// TranslateDBError turns GORM and driver errors into *Error so that SQLite
// and MySQL report missing rows, duplicates and foreign-key violations alike.
// entity names the thing for messages ("user"). nil stays nil; an *Error
// passes through.
func TranslateDBError(err error, entity string) error {
	if err == nil {
		return nil
	}
	var e *Error
	if errors.As(err, &e) {
		return err
	}
	switch {
	case errors.Is(err, gorm.ErrRecordNotFound):
		return NotFound(entity)
	case IsDuplicate(err):
		return &Error{Code: CodeConflict, Message: entity + " already exists", Err: err}
	case isForeignKey(err):
		return &Error{Code: CodeFailedPrecondition, Message: entity + " refers to or is referred by a missing or existing record", Err: err}
	}
	return Internal(err)
}

// IsDuplicate reports a unique-key violation on either engine.
func IsDuplicate(err error) bool {
	if errors.Is(err, gorm.ErrDuplicatedKey) {
		return true
	}
	var me *mysql.MySQLError
	if errors.As(err, &me) {
		return me.Number == 1062
	}
	return strings.Contains(err.Error(), "UNIQUE constraint failed")
}

func isForeignKey(err error) bool {
	if errors.Is(err, gorm.ErrForeignKeyViolated) {
		return true
	}
	var me *mysql.MySQLError
	if errors.As(err, &me) {
		return me.Number == 1451 || me.Number == 1452
	}
	return strings.Contains(err.Error(), "FOREIGN KEY constraint failed")
}

// IsRetryable reports a deadlock or lock-wait timeout (MySQL 1213/1205) or
// a busy SQLite database: the transaction may be retried.
func IsRetryable(err error) bool {
	var me *mysql.MySQLError
	if errors.As(err, &me) {
		return me.Number == 1213 || me.Number == 1205
	}
	return err != nil && (strings.Contains(err.Error(), "database is locked") || strings.Contains(err.Error(), "SQLITE_BUSY"))
}

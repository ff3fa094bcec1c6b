package web

import (
	"errors"
	"net/http"

	"github.com/syncloud/syncloud/internal/auth"
	"github.com/syncloud/syncloud/internal/store"
)

// MapDomainError is the production error mapper: the sentinels of store and
// auth to the statuses the API promises. Authentication failures all look
// alike, so a caller cannot tell an unknown key from a revoked one.
func MapDomainError(err error) *Error {
	if e := mapAuthError(err); e != nil {
		return e
	}
	switch {
	case errors.Is(err, store.ErrNotFound):
		return &Error{Status: http.StatusNotFound, Msg: "not found"}
	case errors.Is(err, store.ErrConflict):
		return &Error{Status: http.StatusConflict, Msg: "already exists"}
	case errors.Is(err, store.ErrReference):
		return &Error{Status: http.StatusUnprocessableEntity, Msg: "refers to something that does not exist"}
	}
	return nil
}

func mapAuthError(err error) *Error {
	switch {
	case errors.Is(err, auth.ErrUnauthorized), errors.Is(err, auth.ErrMalformedKey):
		return &Error{Status: http.StatusUnauthorized, Msg: "authentication required"}
	case errors.Is(err, auth.ErrInvalidLogin):
		return &Error{Status: http.StatusUnauthorized, Msg: auth.ErrInvalidLogin.Error()}
	case errors.Is(err, auth.ErrTooManyAttempts):
		return &Error{Status: http.StatusTooManyRequests, Msg: auth.ErrTooManyAttempts.Error()}
	case errors.Is(err, auth.ErrCSRF):
		return &Error{Status: http.StatusForbidden, Msg: auth.ErrCSRF.Error()}
	case errors.Is(err, auth.ErrUnknownProvider):
		return &Error{Status: http.StatusNotFound, Msg: auth.ErrUnknownProvider.Error()}
	case errors.Is(err, auth.ErrLinkRequired):
		return &Error{Status: http.StatusConflict, Msg: auth.ErrLinkRequired.Error()}
	case errors.Is(err, auth.ErrIdentityTaken):
		return &Error{Status: http.StatusConflict, Msg: auth.ErrIdentityTaken.Error()}
	case errors.Is(err, auth.ErrEmailUnverified):
		return &Error{Status: http.StatusForbidden, Msg: auth.ErrEmailUnverified.Error()}
	case errors.Is(err, auth.ErrNoSession):
		return &Error{Status: http.StatusNotFound, Msg: "not found"}
	case errors.Is(err, auth.ErrLastOwner):
		return &Error{Status: http.StatusConflict, Msg: auth.ErrLastOwner.Error()}
	case errors.Is(err, auth.ErrForbidden):
		return &Error{Status: http.StatusForbidden, Msg: "not allowed"}
	}
	return nil
}

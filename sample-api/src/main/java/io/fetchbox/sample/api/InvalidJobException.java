package io.fetchbox.sample.api;

import java.util.List;

/**
 * Thrown for a job request that fails validation; answered with problem details that name
 * each invalid field.
 */
class InvalidJobException extends RuntimeException {

	private final List<FieldError> errors;

	InvalidJobException(List<FieldError> errors) {
		super(errors.get(0).field() + ": " + errors.get(0).message());
		this.errors = List.copyOf(errors);
	}

	List<FieldError> getErrors() {
		return this.errors;
	}

	record FieldError(String field, String message) {

	}

}

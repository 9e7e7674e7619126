package org.fdipulse.http;

/** An answer other than 200, with the reason the caller reads in {@code {"error": …}}. */
final class ApiError extends RuntimeException {

    final int status;

    ApiError(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    static ApiError badRequest(String message) {
        return new ApiError(400, message);
    }

    static ApiError notFound(String message) {
        return new ApiError(404, message);
    }

    static ApiError unavailable(String message) {
        return new ApiError(503, message);
    }
}

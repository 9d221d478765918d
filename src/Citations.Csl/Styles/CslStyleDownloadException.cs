using System.Net;
using Citations.Diagnostics;

namespace Citations.Csl.Styles;

/// <summary>A style could not be downloaded: the server kept failing, timed out or could not be reached after every
/// retry. (A style the server does not have is a <see cref="CslStyleNotFoundException"/>.)</summary>
public sealed class CslStyleDownloadException : CitationsException
{
    /// <summary>Creates an exception for a request that failed after every retry.</summary>
    /// <param name="uri">The address that failed.</param>
    /// <param name="statusCode">The last HTTP status received, or <see langword="null"/> when there was no response.</param>
    /// <param name="attempts">How many requests were made.</param>
    /// <param name="innerException">The last network error, if any.</param>
    public CslStyleDownloadException(Uri uri, HttpStatusCode? statusCode, int attempts, Exception? innerException = null)
        : this(uri, Downloads.CachedDownloader.DescribeFailure("style", uri, statusCode, attempts, innerException), statusCode, attempts, innerException)
    {
    }

    /// <summary>Creates an exception with a message of its own (a response that cannot be a style, for example).</summary>
    /// <param name="uri">The address that failed.</param>
    /// <param name="message">What went wrong.</param>
    /// <param name="statusCode">The last HTTP status received, if any.</param>
    /// <param name="attempts">How many requests were made.</param>
    /// <param name="innerException">The cause, if any.</param>
    public CslStyleDownloadException(Uri uri, string message, HttpStatusCode? statusCode, int attempts, Exception? innerException = null)
        : base(message, innerException)
    {
        Uri = uri;
        StatusCode = statusCode;
        Attempts = attempts;
    }

    /// <summary>The address that failed.</summary>
    public Uri Uri { get; }

    /// <summary>The last HTTP status received, or <see langword="null"/> when there was no response.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>How many requests were made.</summary>
    public int Attempts { get; }
}

-- wrk script: print the run's figures as one JSON line (latencies in µs).
done = function(summary, latency, requests)
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d,'
      .. ' "mean_us": %.1f, "max_us": %d, "errors_status": %d, "errors_connect": %d,'
      .. ' "errors_read": %d, "errors_timeout": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.mean, latency.max, summary.errors.status,
    summary.errors.connect, summary.errors.read, summary.errors.timeout))
end

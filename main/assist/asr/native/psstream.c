/*
 * psstream: streaming speech recognition with CMU PocketSphinx for Hearthline's agent assist.
 *
 * stdin : frames of [uint32 little-endian byte count][16 kHz mono signed 16-bit little-endian PCM].
 *         A frame with byte count 0 ends the current utterance (the caller's VAD saw a turn end).
 * stdout: one JSON object per line:
 *         {"type":"ready"}
 *         {"type":"partial","text":"...","audioMs":N}   about every 100 ms of audio while the words change
 *         {"type":"final","text":"...","audioMs":N,"endCpuUs":N}  at a turn end (ours via ps_get_in_speech, or the
 *                                                  caller's); endCpuUs: CPU the decoder spent finishing it
 *                                                  (its second passes), which the caller waits for
 *         {"type":"error","message":"..."}
 * argv  : psstream <hmm dir> <lm file> <dict file> [-option value ...]   (further pocketsphinx options)
 *
 * Built by main/assist/asr/psstreamBuild.ts with: gcc -O2 psstream.c $(pkg-config --cflags --libs pocketsphinx sphinxbase)
 */
#include <pocketsphinx.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define RATE 16000
#define PARTIAL_EVERY_SAMPLES (RATE / 10)
#define MAX_FRAME_BYTES (1 << 20)

static void emit_text(const char *type, const char *text, long audio_ms, long end_cpu_us) {
  fputs("{\"type\":\"", stdout);
  fputs(type, stdout);
  fputs("\",\"text\":\"", stdout);
  for (const char *p = text ? text : ""; *p; p++) {
    unsigned char c = (unsigned char)*p;
    if (c == '"' || c == '\\') { putchar('\\'); putchar(c); }
    else if (c < 0x20) printf("\\u%04x", c);
    else putchar(c);
  }
  printf("\",\"audioMs\":%ld", audio_ms);
  if (end_cpu_us >= 0) printf(",\"endCpuUs\":%ld", end_cpu_us);
  puts("}");
  fflush(stdout);
}

static int read_exact(void *buf, size_t n) {
  size_t got = 0;
  while (got < n) {
    size_t r = fread((char *)buf + got, 1, n - got, stdin);
    if (r == 0) return 0;
    got += r;
  }
  return 1;
}

/* Ends the utterance and reports its final hypothesis (always, or only when it has words). */
static void finish_utterance(ps_decoder_t *ps, long total_samples, int always) {
  clock_t started = clock();
  int32 score;
  ps_end_utt(ps);
  const char *hyp = ps_get_hyp(ps, &score);
  long end_cpu_us = (long)((double)(clock() - started) * 1000000.0 / CLOCKS_PER_SEC);
  if (always || (hyp && *hyp)) emit_text("final", hyp ? hyp : "", total_samples * 1000 / RATE, end_cpu_us);
}

int main(int argc, char **argv) {
  if (argc < 4) {
    printf("{\"type\":\"error\",\"message\":\"usage: psstream HMM LM DICT\"}\n");
    return 2;
  }
  /* The three paths, then whatever options the caller adds (pocketsphinx.ts: the decoder's search settings). */
  int extra = argc - 4;
  char **args = malloc(sizeof(char *) * (9 + extra));
  int n = 0;
  args[n++] = argv[0];
  args[n++] = "-hmm"; args[n++] = argv[1];
  args[n++] = "-lm"; args[n++] = argv[2];
  args[n++] = "-dict"; args[n++] = argv[3];
  args[n++] = "-logfn"; args[n++] = "/dev/null";
  for (int i = 4; i < argc; i++) args[n++] = argv[i];
  cmd_ln_t *config = cmd_ln_parse_r(NULL, ps_args(), n, args, TRUE);
  free(args);
  if (!config) { printf("{\"type\":\"error\",\"message\":\"bad pocketsphinx configuration\"}\n"); return 1; }
  ps_decoder_t *ps = ps_init(config);
  if (!ps) { printf("{\"type\":\"error\",\"message\":\"pocketsphinx could not load the model\"}\n"); return 1; }

  int16_t *buf = malloc(MAX_FRAME_BYTES);
  char last_partial[4096] = "";
  long total_samples = 0, since_partial = 0;
  int utt_started = 0; /* ps_get_in_speech went true in this utterance */
  ps_start_utt(ps);
  printf("{\"type\":\"ready\"}\n");
  fflush(stdout);

  for (;;) {
    uint32_t len;
    if (!read_exact(&len, 4)) break;
    if (len > MAX_FRAME_BYTES || (len & 1)) { printf("{\"type\":\"error\",\"message\":\"bad frame\"}\n"); break; }
    int force_end = (len == 0);
    if (len > 0) {
      if (!read_exact(buf, len)) break;
      size_t n = len / 2;
      ps_process_raw(ps, buf, n, FALSE, FALSE);
      total_samples += n;
      since_partial += n;
      int in_speech = ps_get_in_speech(ps);
      if (in_speech) utt_started = 1;
      if (since_partial >= PARTIAL_EVERY_SAMPLES && utt_started) {
        since_partial = 0;
        int32 score;
        const char *hyp = ps_get_hyp(ps, &score);
        if (hyp && *hyp && strncmp(hyp, last_partial, sizeof last_partial - 1) != 0) {
          strncpy(last_partial, hyp, sizeof last_partial - 1);
          emit_text("partial", hyp, total_samples * 1000 / RATE, -1);
        }
      }
      if (!(utt_started && !in_speech)) continue;
    }
    if (force_end && !utt_started) {
      /* The caller's VAD ended a turn pocketsphinx never heard as speech: flush what there is. */
      finish_utterance(ps, total_samples, 1);
      ps_start_utt(ps);
      last_partial[0] = 0;
      continue;
    }
    finish_utterance(ps, total_samples, 1);
    ps_start_utt(ps);
    utt_started = 0;
    since_partial = 0;
    last_partial[0] = 0;
  }
  if (utt_started) finish_utterance(ps, total_samples, 0);
  else ps_end_utt(ps);
  ps_free(ps);
  cmd_ln_free_r(config);
  free(buf);
  return 0;
}

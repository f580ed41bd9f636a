/**
 * An error page served as JSON (a proxy's or a CDN's, with the API's content type and status
 * 200) whose markup does not start with <!DOCTYPE html> or <html>: a comment, a <head>, an XML
 * declaration before it. JSON never starts with '<'.
 */
import { describe, expect, it } from 'vitest';
import { decodeJson } from '../../../src/net/http.js';

const reply = (text: string) => ({ url: 'http://hf/x', status: 200, contentType: 'application/json', text });

describe('markup where JSON was expected', () => {
  it('is said to be an HTML page, with its title, however it starts', () => {
    for (const text of ['<!-- cache miss -->\n<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head></html>', '<head><title>502 Bad Gateway</title></head><body>nginx</body>', '<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>502 Bad Gateway</title></head></html>']) {
      expect(() => decodeJson(reply(text), 'http://hf/x'), text).toThrow('expected JSON but got an HTML page ("502 Bad Gateway")');
    }
  });

  it('other markup is said to be markup, not "malformed JSON: Unexpected token"', () => {
    expect(() => decodeJson(reply('<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>'), 'http://hf/x')).toThrow('expected JSON but got markup: "<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>"');
  });
});

"""The Python SDK's FileStore reads and writes, for tests.

zohocrmsdk8-0 is not installable here (no PyPI), so this makes exactly the calls its FileStore makes
(zohocrmsdk/src/com/zoho/api/authenticator/store/file_store.py in zoho/zohocrm-python-sdk-8.0), with
the same standard csv module:

- the header: open(path, mode='w', newline='') and csv.writer(f, delimiter=',', quotechar='"',
  quoting=csv.QUOTE_MINIMAL).writerow(headers);
- save_token: every row read back with csv.reader, the new row appended, all written with that writer;
- get_tokens: csv.reader(f, delimiter=','), the header skipped, each cell by index, '' read as None.

Usage: python3 python-filestore.py write|read FILE (write reads a JSON list of rows on stdin).
"""
import csv
import json
import os
import sys

HEADERS = ['id', 'user_name', 'client_id', 'client_secret', 'refresh_token', 'access_token',
           'grant_token', 'expiry_time', 'redirect_uri', 'api_domain']
FIELDS = ['id', 'userName', 'clientId', 'clientSecret', 'refreshToken', 'accessToken',
          'grantToken', 'expiryTime', 'redirectUrl', 'apiDomain']


def writer(f):
    return csv.writer(f, delimiter=',', quotechar='"', quoting=csv.QUOTE_MINIMAL)


def write(path):
    if not os.path.exists(path) or os.stat(path).st_size == 0:
        with open(path, mode='w', newline='') as token_file:
            writer(token_file).writerow(HEADERS)
    for row in json.load(sys.stdin):
        with open(path, mode='r') as f:
            all_contents = [record for record in csv.reader(f, delimiter=',') if len(record) > 0]
        if row.get('id') is None:
            # generate_id: one more than the largest id so far.
            ids = [int(r[0]) for r in all_contents[1:] if len(r) > 1 and len(r[0]) > 0]
            row = dict(row, id=str(max(ids, default=0) + 1))
        all_contents.append(['' if row.get(field) is None else row[field] for field in FIELDS])
        with open(path, mode='w', newline='') as f:
            writer(f).writerows(all_contents)


def read(path):
    rows = []
    with open(path, mode='r') as f:
        data = csv.reader(f, delimiter=',')
        next(data, None)
        for record in data:
            if len(record) > 0:
                rows.append({field: (record[i] if len(record[i]) > 0 else None) for i, field in enumerate(FIELDS)})
    json.dump(rows, sys.stdout)


if __name__ == '__main__':
    command, path = sys.argv[1], sys.argv[2]
    write(path) if command == 'write' else read(path)

"""Fleet updates with The Update Framework (python-tuf): no Qt here.

The content team's side (`repository`, `keys`) builds a TUF repository of plain files that any
static web server, share or USB stick serves; each kiosk's side (`client`, `fetchers`, `poller`)
checks it with `tuf.ngclient` and installs what TUF approved through the bundle store.
`config` and `poller` load no TUF: the patient app imports them at start.
"""

"""Support staff's allow-list of Telegram users: ``python -m bot telegram allow|revoke|list``."""
from __future__ import annotations

import argparse
import sys
from typing import Optional, Sequence

from tabulate import tabulate

from bot.channels.common.account_links import LinkError, LinkStore
from helpdesk.identity import ROLES


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot telegram",
                                     description="Comptes Telegram autorisés à déclarer des incidents.")
    commands = parser.add_subparsers(dest="command", required=True)
    allow = commands.add_parser("allow", help="autoriser un compte Telegram pour un établissement")
    allow.add_argument("user_id", help="identifiant numérique Telegram de l'utilisateur")
    allow.add_argument("uai", help="code UAI de l'établissement (079xxxxL)")
    allow.add_argument("--role", default="principal", choices=ROLES)
    allow.add_argument("--name", default=None, help="nom affiché (facultatif)")
    revoke = commands.add_parser("revoke", help="retirer l'autorisation d'un compte")
    revoke.add_argument("user_id")
    commands.add_parser("list", help="lister les comptes liés ou autorisés")
    return parser


def main(argv: Optional[Sequence[str]] = None, store: Optional[LinkStore] = None) -> int:
    """Run one command; 0 on success, 1 on a refused input, 2 on a usage error."""
    try:
        args = _parser().parse_args(list(sys.argv[1:] if argv is None else argv))
    except SystemExit as exit_:
        return int(exit_.code or 0)
    own = store is None
    store = store or LinkStore()
    try:
        if args.command == "allow":
            link = store.allow(args.user_id, args.uai, args.role, args.name)
            print(f"Compte Telegram {link.telegram_user_id} autorisé : {link.role} de l'établissement {link.uai}.")
        elif args.command == "revoke":
            if store.revoke(args.user_id):
                print(f"Compte Telegram {args.user_id} retiré.")
            else:
                print(f"Aucun compte Telegram {args.user_id} n'était autorisé.")
                return 1
        else:
            links = store.list()
            if not links:
                print("Aucun compte Telegram lié ou autorisé.")
            else:
                print(tabulate(
                    [(link.telegram_user_id, link.uai, link.role, link.name or "", link.source,
                      link.created_at.strftime("%Y-%m-%d %H:%M")) for link in links],
                    headers=["utilisateur", "UAI", "rôle", "nom", "origine", "depuis (UTC)"],
                ))
    except LinkError as error:
        print(str(error), file=sys.stderr)
        return 1
    finally:
        if own:
            store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

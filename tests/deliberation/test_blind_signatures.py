"""The server signs a ballot paper it cannot read, and accepts exactly the papers it signed."""
import pytest

from webapp.deliberation import blind_signatures as B
from webapp.deliberation.blind_client import BallotPaper


@pytest.fixture(scope="module")
def key():
    return B.new_private_key_pem()


def test_a_paper_signed_blind_verifies_once_unblinded(key):
    paper = BallotPaper(B.public_key_spki(key))
    signature = paper.finalize(B.blind_sign(key, paper.blinded))
    B.verify(B.public_key_spki(key), paper.prepared, signature)  # raises if not


def test_the_server_never_sees_the_token_it_signs(key):
    paper = BallotPaper(B.public_key_spki(key))
    assert paper.token not in paper.blinded and paper.prepared not in paper.blinded


def test_a_paper_signed_by_another_votes_key_or_changed_is_refused(key):
    other = B.new_private_key_pem()
    paper = BallotPaper(B.public_key_spki(other))
    signature = paper.finalize(B.blind_sign(other, paper.blinded))
    with pytest.raises(B.SignatureError):
        B.verify(B.public_key_spki(key), paper.prepared, signature)
    mine = BallotPaper(B.public_key_spki(key))
    good = mine.finalize(B.blind_sign(key, mine.blinded))
    with pytest.raises(B.SignatureError):
        B.verify(B.public_key_spki(key), mine.prepared[:-1] + bytes([mine.prepared[-1] ^ 1]), good)
    with pytest.raises(B.SignatureError):
        B.verify(B.public_key_spki(key), mine.prepared, good[:-1])


def test_a_blinded_message_of_the_wrong_size_is_refused(key):
    with pytest.raises(B.SignatureError):
        B.blind_sign(key, b"\x01" * 10)
    with pytest.raises(B.SignatureError):
        B.blind_sign(key, b"\xff" * B.MODULUS_BYTES)  # not below the modulus

"""Hidden checks for ``save_if_best(model, val_loss, best_loss, path)`` and ``load_model(path, model)``.

The file the student's code writes stays in the worker's folder: the judge reads it back there with
torch.load(path, weights_only=True) (a state dict of tensors crosses back; a pickled model object does not load).
The networks are Linear(4, 3)-ReLU-Dropout(0.5)-Linear(3, 2), with weights the judge chooses.
"""
import math

import torch

from autograder.checking import expect, fail, requires
from autograder.i18n import _
from checks_08_capstone import local_net, random_state, remote_net, same

SIZES = (4, 3, 2)
LAYERS = [("0", 4, 3), ("3", 3, 2)]


def net(student, seed: int):
    state = random_state(LAYERS, seed)
    return remote_net(student, SIZES, 0.5, state), state


def read_back(student, path: str, what: str) -> dict:
    """torch.load(path, weights_only=True) run in the worker.

    The reproducer keeps showing the student's call before it: the file it reads does not exist where a reproducer runs.
    """
    session = student.torch._session
    last = session.last_call
    call = student.torch.attr("load").call(path, weights_only=True)
    session.last_call = last
    if call.raised == "FileNotFoundError":
        fail("after {what} there is no file {path}: save model.state_dict() with torch.save(state, path)",
             what=what, path=path)
    if call.raised:
        fail("after {what}, torch.load({path!r}, weights_only=True) raised {error}: save model.state_dict(), not the "
             "model object", what=what, path=path, error=call.raised)
    state = call.result()
    if not isinstance(state, dict) or not all(isinstance(v, torch.Tensor) for v in state.values()):
        fail("after {what} the file {path} holds a {kind}; save model.state_dict() itself", what=what, path=path,
             kind=type(state).__name__)
    return state


def save(student, model, val_loss, best_loss, path: str):
    what = f"save_if_best(model, {val_loss}, {best_loss}, {path!r})"
    result = student.save_if_best.call(model, val_loss, best_loss, path).result()
    return result, what


def test_saves_the_state_dict_when_the_loss_is_lower(student):
    model, state = net(student, 1)
    best, what = save(student, model, 0.5, math.inf, "first.pt")
    saved = read_back(student, "first.pt", what)
    expect(same(saved, state, atol=0), "{what} saved {keys}, not the model's state_dict()", what=what,
           keys=", ".join(sorted(saved)))
    expect(best == 0.5, "{what} returned {got}; when val_loss is lower it is the new best loss: return val_loss",
           what=what, got=best)


@requires(test_saves_the_state_dict_when_the_loss_is_lower)
def test_keeps_the_best_file_when_the_loss_is_not_lower(student):
    first, first_state = net(student, 2)
    second, second_state = net(student, 3)
    save(student, first, 0.5, math.inf, "best.pt")
    for val_loss in (0.7, 0.5):
        best, what = save(student, second, val_loss, 0.5, "best.pt")
        if same(read_back(student, "best.pt", what), second_state, atol=0):
            fail("{what} overwrote the file although {val} is not lower than the best loss 0.5: save only when "
                 "val_loss < best_loss, so the file keeps the best epoch, not the last one", what=what, val=val_loss)
        expect(best == 0.5, "{what} returned {got}; when val_loss is not lower, return best_loss unchanged",
               what=what, got=best)
    best, what = save(student, second, 0.25, 0.5, "best.pt")
    expect(same(read_back(student, "best.pt", what), second_state, atol=0) and best == 0.25,
           "{what} did not save the better model, or did not return 0.25", what=what)


def test_load_model_restores_the_weights_in_eval_mode(student):
    _model, state = net(student, 4)
    student.torch.attr("save")(state, "saved.pt")
    fresh, _fresh_state = net(student, 5)
    fresh.attr("train")()
    what = _("load_model('saved.pt', a fresh network of the same layers)")
    session = student.torch._session
    call = student.load_model.call("saved.pt", fresh)
    session.last_call = None  # no reproducer: it would need the file the judge saved in the worker
    loaded = call.result()
    if not hasattr(loaded, "attr"):
        fail("{what} returned a {kind}; return the model with the loaded weights", what=what,
             kind=type(loaded).__name__)
    weights = loaded.attr("state_dict")()
    training = loaded.attr("training").get()
    x = torch.randn(6, 4, generator=torch.Generator().manual_seed(6))
    outputs = loaded(x)
    session.last_call = None
    expect(same(weights, state, atol=0),
           "{what}: the model's weights are not those saved in the file; model.load_state_dict(torch.load(path, "
           "weights_only=True))", what=what)
    expect(training is False,
           "{what} returned the model in train mode, where Dropout is active; call model.eval()", what=what)
    want = local_net(SIZES, 0.5, state).eval()(x).detach()
    expect(torch.allclose(outputs, want, atol=1e-6),
           "{what}: the loaded model's outputs differ from those of the saved network in eval mode", what=what)

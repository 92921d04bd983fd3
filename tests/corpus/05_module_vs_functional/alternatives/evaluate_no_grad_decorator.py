# why: torch.no_grad() used as a decorator turns autograd off for the whole call, like the with block
# %% evaluate
@torch.no_grad()
def evaluate(model, x):
    was_training = model.training
    model.eval()
    out = model(x)
    model.train(was_training)
    return out

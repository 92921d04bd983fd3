# mistake: switches autograd off with torch.set_grad_enabled(False) and never switches it back on
# targets: test_evaluate
# %% evaluate
def evaluate(model, x):
    was_training = model.training
    model.eval()
    torch.set_grad_enabled(False)
    out = model(x)
    model.train(was_training)
    return out

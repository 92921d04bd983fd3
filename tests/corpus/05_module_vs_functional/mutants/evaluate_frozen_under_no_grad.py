# mistake: freezes the parameters with model.requires_grad_(False) on top of torch.no_grad() and leaves them frozen
# targets: test_evaluate
# %% evaluate
def evaluate(model, x):
    was_training = model.training
    model.eval()
    model.requires_grad_(False)
    with torch.no_grad():
        out = model(x)
    model.train(was_training)
    return out

# mistake: freezes the parameters with model.requires_grad_(False) instead of using torch.no_grad(), so training can no longer update them
# targets: test_evaluate
# %% evaluate
def evaluate(model, x):
    was_training = model.training
    model.eval()
    model.requires_grad_(False)
    out = model(x)
    model.train(was_training)
    return out

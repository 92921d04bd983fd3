# mistake: writes model.eval without parentheses, which does nothing
# targets: test_evaluate
# %% evaluate
def evaluate(model, x):
    was_training = model.training
    model.eval
    with torch.no_grad():
        out = model(x)
    model.train(was_training)
    return out

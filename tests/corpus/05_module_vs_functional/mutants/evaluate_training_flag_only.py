# mistake: sets model.training = False, which changes the top module only, not its Dropout and BatchNorm children
# targets: test_evaluate
# %% evaluate
def evaluate(model, x):
    was_training = model.training
    model.training = False
    with torch.no_grad():
        out = model(x)
    model.training = was_training
    return out

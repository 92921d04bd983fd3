# mistake: only uses torch.no_grad(), which does not switch Dropout and BatchNorm to eval mode
# targets: test_evaluate
# %% evaluate
def evaluate(model, x):
    with torch.no_grad():
        return model(x)

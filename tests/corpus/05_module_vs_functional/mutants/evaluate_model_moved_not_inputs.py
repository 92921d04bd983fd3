# mistake: moves the model to a fixed device as in the tutorial's training script (cuda if available, else cpu) but not x, so model and x end up on different devices
# targets: test_evaluate
# %% evaluate
def evaluate(model, x):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    model.to(device)
    was_training = model.training
    model.eval()
    with torch.no_grad():
        out = model(x)
    model.train(was_training)
    return out
